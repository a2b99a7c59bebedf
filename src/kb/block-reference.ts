/** `((uuid))`: a Logseq reference to the block whose `id::` property is that uuid, on any page. */
export const BLOCK_REF = /\(\(([0-9a-f-]{36})\)\)/g;
