/** The lighting desk on one line: link, state, winning source, frame rate, malformed packets. */
import type { DeskInputStatus } from '@crowdcue/protocol';
import { deskStatusParts } from './desk-status-text';
import './desk-status.css';

export function DeskStatus({ status }: { status: DeskInputStatus | undefined }) {
  if (!status) return null;
  const p = deskStatusParts(status);
  return (
    <div className="desk-status" data-testid="desk-status" title={status.listening}>
      <span className="label">Desk</span>
      <span className="mono">{p.link}</span>
      <span className={`desk-state is-${p.state}`} data-testid="desk-state">
        {p.state}
      </span>
      <span className="desk-source">{p.source}</span>
      {p.state === 'receiving' && <span className="mono">{p.fps}</span>}
      {p.malformed && <span className="desk-malformed">{p.malformed}</span>}
    </div>
  );
}
