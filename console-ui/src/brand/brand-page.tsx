/**
 * The brand's page: its own logo sequences. Logo upload, placement, scheduling
 * and proof-of-play reports come with the brand feature; this page is where
 * they go.
 */
import { useEffect, useState } from 'react';
import { ApiError, errorText } from '../api/http';
import { listMySequences, type BrandSequenceSummary } from '../api/brand-api';

export function BrandPage({ brand }: { brand?: string }) {
  const [items, setItems] = useState<BrandSequenceSummary[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    listMySequences().then(setItems, (e) => {
      setItems([]);
      setNote(e instanceof ApiError && e.statusCode === 404 ? 'Logo sequences are not available on this controller yet.' : errorText(e));
    });
  }, []);
  return (
    <div className="brand-page" data-testid="brand-page">
      <section className="panel">
        <h2>
          Your sequences {brand && <span className="muted">· {brand}</span>}
        </h2>
        <div className="pad" data-testid="brand-sequences">
          {items === null && <p className="muted">Loading…</p>}
          {note && <p className="muted">{note}</p>}
          {items && items.length === 0 && !note && <p className="muted">No sequences yet.</p>}
          {items && items.length > 0 && (
            <table className="grid-table">
              <thead>
                <tr>
                  <th>Sequence</th>
                  <th>Show</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} data-testid={`brand-sequence-${s.id}`}>
                    <td>{s.name}</td>
                    <td>{s.show ?? ''}</td>
                    <td>{s.approved ? <span className="tag live">approved</span> : <span className="tag">awaiting approval</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </div>
  );
}
