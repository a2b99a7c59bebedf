import { detectLanguage, firstSentence, numberFromFileName, type RawNote } from '../raw-note';
import { isTranscript, parseTranscript, transcriptSections } from '../transcript';
import { emptyFile, extensionOf, type NoteFormat } from './note-format';

/** Chat and prompt transcripts: one item, the learner's longest question its title. */
export const transcript: NoteFormat = {
  name: 'transcript',
  recognise: (file) => ['txt', 'text', 'md', ''].includes(extensionOf(file.source)) && isTranscript(file.text),
  parse(file) {
    const turns = parseTranscript(file.text);
    if (turns.length === 0) return emptyFile(file.source, 'is a transcript with no readable turns');
    // The learner's longest turn is the question the transcript is about; greetings are not.
    const question = turns.filter((turn) => turn.role === 'user').sort((a, b) => b.text.length - a.text.length)[0] ?? turns[0]!;
    const reply = turns.slice(turns.indexOf(question)).find((turn) => turn.role === 'assistant');
    const note: RawNote = {
      source: file.source,
      lang: detectLanguage(turns.map((turn) => turn.text).join(' ')),
      title: firstSentence(question.text).slice(0, 100),
      claim: firstSentence(reply?.text ?? question.text),
      aliases: [],
      tags: ['conversation'],
      related: [],
      links: [],
      quiz: [],
      sections: transcriptSections(turns),
    };
    const number = numberFromFileName(file.source);
    if (number !== undefined) note.number = number;
    return { notes: [note], problems: [] };
  },
};
