/** The person asking, as the directory knows them. */
import type { PersonInDirectory } from '../policy/who-may-invite.js';

/** The person asking, as the directory knows them (type, roles, groups), cached briefly by the adapter. */
export interface PeopleDirectory {
  person(aadObjectId: string): Promise<PersonInDirectory | undefined>;
}
