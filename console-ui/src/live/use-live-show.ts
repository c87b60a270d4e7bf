/**
 * The live show's file (cue lists, venue): fetched when the live show changes
 * and again when someone saves it.
 */
import { parseShow, type Show } from '@crowdcue/protocol';
import { useEffect, useState } from 'react';
import { errorText } from '../api/http';
import { getShow } from '../api/shows-api';
import { useLive, useLiveStore } from './live-context';

export interface LiveShow {
  show: Show | null;
  revision: number;
  error: string | null;
}

export function useLiveShow(): LiveShow {
  const store = useLiveStore();
  const id = useLive().state?.show ?? null;
  const [result, setResult] = useState<LiveShow>({ show: null, revision: 0, error: null });
  const [bump, setBump] = useState(0);

  useEffect(() => store.onShowChanged((c) => c.show === id && setBump((b) => b + 1)), [store, id]);

  useEffect(() => {
    if (!id) {
      setResult({ show: null, revision: 0, error: null });
      return;
    }
    let gone = false;
    getShow(id).then(
      (stored) => {
        if (gone) return;
        const parsed = parseShow(stored.show);
        setResult({ show: parsed.ok ? parsed.value : stored.show, revision: stored.revision, error: null });
      },
      (e) => !gone && setResult((r) => ({ ...r, error: errorText(e) })),
    );
    return () => {
      gone = true;
    };
  }, [id, bump]);
  return result;
}
