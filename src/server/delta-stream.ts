/**
 * The delta frames of one answer. Text written during one pass of the event loop goes out as one
 * frame: the embedded tutor composes a whole answer at once, and a frame per block would cost a
 * write each for nothing, while a model's tokens, arriving pass by pass, still stream as they come.
 */
export class DeltaStream {
  private buffered = '';

  constructor(private readonly sendDelta: (text: string) => void) {}

  write(text: string): void {
    if (this.buffered.length === 0) setImmediate(() => this.flush());
    this.buffered += text;
  }

  /** Sends what is buffered now; the answer frame must never overtake its deltas. */
  flush(): void {
    if (this.buffered.length === 0) return;
    const text = this.buffered;
    this.buffered = '';
    this.sendDelta(text);
  }
}
