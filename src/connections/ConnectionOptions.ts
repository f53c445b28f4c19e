import type { PageSizeOptions } from './connectionArgs.js';
import type { CursorIdentity } from './cursor.js';

/** What a connection function needs besides its data and the client's arguments. */
export interface ConnectionOptions extends CursorIdentity, PageSizeOptions {}
