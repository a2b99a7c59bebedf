/** The loader's one entry to the format registry (src/kb/formats). */
export { parseNoteFile, type ParsedNoteFile as ParsedFile } from './formats';
