/**
 * A sentence for a person, as the domain hands it over: the id of a message in the catalogue
 * (`namespace:dotted.key`, words in locales/<language>/<namespace>.json) and the values it places. The domain
 * decides what is said; the edge (cards, bot) says it in the reader's language with their translator.
 */
export interface Message {
  readonly id: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export function message(id: string, values?: Message['values']): Message {
  return values === undefined ? { id } : { id, values };
}
