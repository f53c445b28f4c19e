/** `12345` → `12,345`, for messages. */
export const formatCount = (value: number): string => value.toLocaleString('en-US');
