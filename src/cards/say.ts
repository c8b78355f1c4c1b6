/** Cards and the bot say domain Messages with the one implementation in src/i18n/say.ts (the mail text uses it too). */
export { say, sayKept } from '../i18n/say.js';
