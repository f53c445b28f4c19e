/**
 * A Roundware client session to start. Undefined fields are not sent, so Roundware's
 * defaults apply (client type from the token's user, language 1, time zone `0000`,
 * geo-listening from the project, demo stream off).
 */
export interface ClientSessionDraft {
  projectId: number;
  clientSystem: string;
  clientType?: string;
  /** A language code (`en`, `en-US`); Roundware prefers it to `languageId`. */
  languageCode?: string;
  languageId?: number;
  demoStreamEnabled?: boolean;
  geoListenEnabled?: boolean;
  /** RFC 822 offset, `^[+-]?\d{4}$`. */
  timeZone?: string;
}
