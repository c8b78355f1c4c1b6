/**
 * A sentence for a person, as the domain hands it over: the id of a message in the catalogue
 * (`namespace:dotted.key`, words in locales/<language>/<namespace>.json) and the values it places. The domain
 * decides what is said; the edge (cards, bot) says it in the reader's language with their translator. A value
 * may itself be a Message (a reason inside "{reason} ({detail})"): it is said first, in the same language.
 */
export interface Message {
  readonly id: string;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

type MessageValue = string | number | Message;

export function message(id: string, values?: Message['values']): Message {
  return values === undefined ? { id } : { id, values };
}

/**
 * Words a record keeps (an outcome's reason): a Message, or, on rows written before records kept codes, the
 * English text as it was stored then, shown as it is.
 */
export type KeptWords = Message | string;
