/**
 * The show's flash check off the page's thread: a show of thousands of cues
 * takes seconds to judge, and typing in the composer must not wait for it.
 * The check is the protocol's own, the one the controller runs on save.
 */
import { checkShow, type Show, type ShowError } from '@crowdcue/protocol';

export interface FlashCheckRequest {
  seq: number;
  show: Show;
}

export interface FlashCheckAnswer {
  seq: number;
  problems: ShowError[];
  /** The check itself threw (it should not): shown as one problem rather than hidden. */
  failed?: string;
}

addEventListener('message', (e: MessageEvent<FlashCheckRequest>) => {
  const { seq, show } = e.data;
  let answer: FlashCheckAnswer;
  try {
    answer = { seq, problems: checkShow(show) };
  } catch (err) {
    answer = { seq, problems: [], failed: err instanceof Error ? err.message : String(err) };
  }
  postMessage(answer);
});
