/** What application services log through: the app's logger (pino) fits it, a test records it. */
export interface ServiceLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}
