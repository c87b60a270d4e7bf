/** The cues of a list as a table: number, label, looks, timing. Click a row to edit it. */
import type { CueList } from '@crowdcue/protocol';
import { lookSwatch } from '../ui/colour';
import { sortedLookKeys } from './cue-edits';

interface Props {
  list: CueList;
  selected: string | null;
  invalidCues: ReadonlySet<string>;
  onSelect: (cueId: string) => void;
}

const ms = (v: number) => (v === 0 ? '0' : `${v / 1000}s`);

export function CueTable({ list, selected, invalidCues, onSelect }: Props) {
  return (
    <div className="scroll">
      <table className="grid-table cue-table" data-testid="cue-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Label</th>
            <th>Looks</th>
            <th className="num">Delay</th>
            <th className="num">Fade</th>
            <th className="num">Hang</th>
            <th className="num">Follow</th>
            <th>Parade</th>
          </tr>
        </thead>
        <tbody>
          {list.cues.map((c) => (
            <tr
              key={c.id}
              data-testid={`cue-edit-row-${c.id}`}
              className={`${c.id === selected ? 'selected' : ''} ${invalidCues.has(c.id) ? 'invalid' : ''}`}
              onClick={() => onSelect(c.id)}
            >
              <td className="num">{c.number}</td>
              <td>{c.label || <span className="muted">—</span>}</td>
              <td>
                <span className="look-chips">
                  {sortedLookKeys(c.looks).map((k) => (
                    <span key={k} className="look-chip" title={k}>
                      <span className="cue-swatch" style={{ background: lookSwatch(c.looks[k]) }} />
                      {k === 'all' ? 'all' : k.slice(4)}
                    </span>
                  ))}
                </span>
              </td>
              <td className="num">{ms(c.delay)}</td>
              <td className="num">{ms(c.fade)}</td>
              <td className="num">{ms(c.hang)}</td>
              <td className="num">{c.follow === null ? '—' : ms(c.follow)}</td>
              <td>{c.parade ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
