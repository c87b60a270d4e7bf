/**
 * The flash-safety problems of the show being composed, as the designer
 * edits: the protocol's `checkShow` (the same check the controller runs when
 * the show is saved and loaded) in a web worker, a moment after the last
 * edit, so each problem can be shown beside the cue or parade step at fault.
 */
import type { Show, ShowError } from '@crowdcue/protocol';
import { useEffect, useRef, useState } from 'react';
import type { FlashCheckAnswer, FlashCheckRequest } from './flash-check.worker';

/** Long enough that a drag or a run of keystrokes is checked once, short enough to feel inline. */
const SETTLE_MS = 250;

export interface FlashCheck {
  problems: ShowError[];
  /** A check is under way for the latest edit. */
  checking: boolean;
}

export function useFlashCheck(show: Show | null): FlashCheck {
  const [state, setState] = useState<FlashCheck>({ problems: [], checking: false });
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('./flash-check.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FlashCheckAnswer>) => {
      // An answer for an older edit is dropped: a newer check is on its way.
      if (e.data.seq !== seq.current) return;
      const problems = e.data.failed ? [{ path: '', message: `the flash check could not run: ${e.data.failed}` }] : e.data.problems;
      setState({ problems, checking: false });
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    if (!show) {
      seq.current++;
      setState({ problems: [], checking: false });
      return;
    }
    setState((s) => (s.checking ? s : { ...s, checking: true }));
    const t = setTimeout(() => {
      const request: FlashCheckRequest = { seq: ++seq.current, show };
      worker.current?.postMessage(request);
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [show]);

  return state;
}
