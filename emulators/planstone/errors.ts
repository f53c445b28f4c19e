/** Werkzeug's default descriptions, which Eve puts in `_error.message` when DEBUG is off. */
export const ERROR_MESSAGES = {
  400: 'The browser (or proxy) sent a request that this server could not understand.',
  401: 'Please provide proper credentials',
  404: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  405: 'The method is not allowed for the requested URL.',
  429: 'This user has exceeded an allotted request count. Try again later.',
} as const;

export type EveErrorCode = keyof typeof ERROR_MESSAGES;

/** Eve's `error_endpoint` body: `{"_status": "ERR", "_error": {"code": N, "message": "..."}}`. */
export interface EveErrorBody {
  _status: 'ERR';
  _error: { code: number; message: string };
}

export function eveErrorBody(code: EveErrorCode, message: string = ERROR_MESSAGES[code]): EveErrorBody {
  return { _status: 'ERR', _error: { code, message } };
}
