/**
 * The selected playback's cue list: the cue that runs, the one GO will start,
 * and a GO TO per cue. GO TO jumps the show, so it asks for a second press
 * within 3 s (the button says so), or fires at once with Shift held.
 */
import type { CueList, PlaybackState } from '@crowdcue/protocol';
import { useEffect, useRef } from 'react';
import { lookSwatch } from '../ui/colour';
import { useTwoPress } from './use-two-press';

interface Props {
  list: CueList | null;
  playback: PlaybackState | null;
  canControl: boolean;
  onGoto: (cueId: string) => void;
}

const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)}s` : `${ms}ms`);

export function CueListPanel({ list, playback, canControl, onGoto }: Props) {
  const currentRow = useRef<HTMLTableRowElement>(null);
  const gotoPress = useTwoPress();
  const current = playback?.current?.cueList === list?.id ? playback?.current?.id : undefined;
  const next = playback?.next?.cueList === list?.id ? playback?.next?.id : undefined;
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scroll the list only: scrollIntoView would also scroll the page, and on a narrow screen
    // (cue list below the desk) take GO and BLACKOUT off screen.
    const row = currentRow.current;
    const box = scroller.current;
    if (!row || !box) return;
    const top = row.offsetTop - (box.querySelector('thead')?.offsetHeight ?? 0);
    if (top < box.scrollTop) box.scrollTop = top;
    else if (row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = row.offsetTop + row.offsetHeight - box.clientHeight;
  }, [current]);

  if (!list) return <section className="panel cue-list"><h2>Cues</h2><p className="muted pad">No live show loaded.</p></section>;
  return (
    <section className="panel cue-list" data-testid="cue-list">
      <h2>
        Cues <span className="muted">· {list.name}</span>
      </h2>
      <div className="scroll" ref={scroller}>
        <table className="cues">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Cue</th>
              <th className="num">Fade</th>
              <th className="num">Follow</th>
              {canControl && <th />}
            </tr>
          </thead>
          <tbody>
            {list.cues.map((cue) => {
              const isCurrent = cue.id === current;
              const isNext = cue.id === next;
              return (
                <tr
                  key={cue.id}
                  ref={isCurrent ? currentRow : undefined}
                  data-testid={`cue-row-${cue.id}`}
                  data-state={isCurrent ? 'current' : isNext ? 'next' : ''}
                  className={isCurrent ? 'current' : isNext ? 'next' : ''}
                >
                  <td className="num">{cue.number}</td>
                  <td className="cue-label" title={cue.label}>
                    <div className="cue-name">
                      <span className="cue-swatch" style={{ background: lookSwatch(cue.looks.all ?? Object.values(cue.looks)[0]) }} />
                      <span className="cue-text">
                        {cue.label || <span className="muted">(no label)</span>}
                        {cue.parade && <span className="tag">parade</span>}
                      </span>
                    </div>
                    {isCurrent && <div className="progress"><span style={{ width: `${Math.round((playback?.cueProgress ?? 0) * 100)}%` }} /></div>}
                  </td>
                  <td className="num">{secs(cue.fade)}</td>
                  <td className="num">{cue.follow === null ? '—' : secs(cue.follow)}</td>
                  {canControl && (
                    <td>
                      <button
                        className={`icon goto ${gotoPress.armed === cue.id ? 'armed' : ''}`}
                        data-testid={`goto-${cue.id}`}
                        data-armed={gotoPress.armed === cue.id}
                        title={gotoPress.armed === cue.id ? `Press again to go to cue ${cue.number}` : `Go to cue ${cue.number} (press twice, or Shift+click)`}
                        onClick={(e) => gotoPress.press(cue.id, () => onGoto(cue.id), e.shiftKey)}
                      >
                        {gotoPress.armed === cue.id ? 'GO?' : '▶'}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
