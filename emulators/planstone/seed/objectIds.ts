/**
 * Hands out MongoDB-style ObjectIds (24 lowercase hex: 4-byte timestamp, 5-byte machine/process
 * value, 3-byte counter), the way one bulk load would have minted them.
 */
export function createObjectIds(timestamp: number, machineHex: string, counterStart: number): () => string {
  const prefix = timestamp.toString(16).padStart(8, '0') + machineHex.padStart(10, '0').slice(0, 10);
  let counter = counterStart;
  return () => {
    const id = prefix + (counter & 0xffffff).toString(16).padStart(6, '0');
    counter += 1;
    return id;
  };
}
