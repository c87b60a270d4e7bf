/**
 * The proof-of-play report as a PDF the brand can hand on (pdfkit): who and
 * what, the show and venue, the verdict with its reasons, the timeline (the
 * slot against the share of seats that showed it), the three figures and how
 * long it showed, the snapshot of the replayed crowd at the middle, and how the
 * figures were made.
 */
import PDFDocument from 'pdfkit';
import type { PlayStatus, ProofOfPlayRecord, SeatShare } from '@crowdcue/protocol';
import { SHOWN_SHARE } from './replay-slot';

const STATUS_TEXT: Record<PlayStatus, string> = { played: 'PLAYED', partial: 'PARTIAL', 'not-played': 'NOT PLAYED' };
const STATUS_COLOUR: Record<PlayStatus, string> = { played: '#1f8a4c', partial: '#b7791f', 'not-played': '#c53030' };

const pct = (s: number) => `${(s * 100).toFixed(1)}%`;
const utc = (iso: string) => `${iso.slice(11, 21)} UTC`;
const day = (iso: string) => iso.slice(0, 10);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "97.9% of seats (3,916 of 4,000) at 21:03:05.2 UTC" */
export function shareText(s: SeatShare, seats: number): string {
  return `${pct(s.share)} of seats (${s.seats.toLocaleString('en')} of ${seats.toLocaleString('en')}) at ${utc(s.at)}`;
}

export function proofOfPlayPdf(r: ProofOfPlayRecord, snapshotPng: Buffer | null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Proof of play: ${r.sequenceName}`, Author: 'CrowdCue', Subject: `${r.brand} in ${r.showName ?? r.showId}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('Helvetica').fontSize(10).fillColor('#666666').text(`Proof of play · report ${r.id}`);
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000000').text(r.sequenceName);
  doc.font('Helvetica').fontSize(11).text(`${r.brand} · ${r.showName ?? r.showId}${r.venueName ? ` at ${r.venueName}` : ''} · ${day(r.scheduledStart)}`);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(14).fillColor(STATUS_COLOUR[r.status]).text(STATUS_TEXT[r.status]);
  doc.font('Helvetica').fontSize(10).fillColor('#000000');
  for (const reason of r.reasons) doc.text(`• ${reason.message}`, { indent: 8 });
  doc.moveDown(0.6);

  const rows: Array<[string, string]> = [
    ['Slot', `${utc(r.scheduledStart)} – ${utc(r.scheduledEnd)}`],
    ['Showed', r.status === 'not-played' ? 'not at all' : `${utc(r.actualStart)} – ${utc(r.actualEnd)}`],
    ['Zones', r.zones.join(', ')],
    ['Seats', `${r.seatsCovered.toLocaleString('en')} covered, ${r.bandsCovered.toLocaleString('en')} with a band`],
  ];
  const f = r.figures;
  if (f) {
    rows.push(['At the start', shareText(f.start, f.seats)], ['At the middle', shareText(f.middle, f.seats)], ['At the end', shareText(f.end, f.seats)]);
    rows.push(['Shown for', `${secs(f.shownMs)} of ${secs(f.spanMs)} on at least ${Math.round(SHOWN_SHARE * 100)}% of seats`]);
  }
  rows.push(['Airtime', `${(r.airtimeMs / 1000).toFixed(2)} s in ${r.transmissions.toLocaleString('en')} transmissions`]);
  if (r.notes) rows.push(['Notes', r.notes]);
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(k, left, y, { width: 100 });
    doc.font('Helvetica').text(v, left + 110, y, { width: width - 110 });
    doc.moveDown(0.2);
  }

  if (f) drawTimeline(doc, r, left, doc.y + 28, width, 110);
  if (snapshotPng) {
    const y = doc.y + 8;
    doc.font('Helvetica-Bold').fontSize(10).text('The crowd at the middle of the slot (replayed)', left, y);
    doc.image(snapshotPng, left, doc.y + 4, { fit: [width, Math.min(300, Math.max(120, doc.page.height - doc.y - 110))], align: 'center' });
  }
  doc.font('Helvetica').fontSize(8).fillColor('#666666');
  doc.text(
    `Figures replay what went on air around the slot through simulated bands at the venue's seats${f ? `, with ${Math.round(f.lossRate * 100)}% packet loss` : ''}: a seat counts when its band shows the colour it should. Recorded ${r.recordedAt}.`,
    left,
    doc.page.height - doc.page.margins.bottom - 24,
    { width },
  );
  doc.end();
  return done;
}

/** The slot on a time axis, with the share of seats that showed it every step and the three moments marked. */
function drawTimeline(doc: PDFKit.PDFDocument, r: ProofOfPlayRecord, x: number, y: number, w: number, h: number): void {
  const f = r.figures!;
  const t0 = Date.parse(r.scheduledStart);
  const t1 = Math.max(Date.parse(r.scheduledEnd), t0 + 1);
  const chartX = x + 30;
  const chartW = w - 30;
  const px = (t: number) => chartX + ((t - t0) / (t1 - t0)) * chartW;
  const py = (share: number) => y + h - share * h;
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text('Timeline: share of seats showing it', x, y - 14);
  doc.lineWidth(0.5).strokeColor('#999999').rect(chartX, y, chartW, h).stroke();
  doc.font('Helvetica').fontSize(7).fillColor('#666666');
  for (const s of [0, 0.5, 1]) doc.text(`${s * 100}%`, x, py(s) - 3, { width: 26, align: 'right' });
  doc.dash(3, { space: 3 }).moveTo(chartX, py(SHOWN_SHARE)).lineTo(chartX + chartW, py(SHOWN_SHARE)).stroke().undash();
  doc.lineWidth(1.5).strokeColor('#2b6cb0');
  let pen = false;
  f.shares.forEach((s, k) => {
    const t = t0 + (k + 0.5) * f.stepMs;
    if (s === null) {
      pen = false;
      return;
    }
    if (pen) doc.lineTo(px(t), py(s));
    else doc.moveTo(px(t), py(s));
    pen = true;
  });
  doc.stroke();
  for (const [label, s] of [['start', f.start], ['middle', f.middle], ['end', f.end]] as const) {
    const cx = px(Date.parse(s.at));
    doc.circle(cx, py(s.share), 2.5).fillColor('#2b6cb0').fill();
    doc.fillColor('#333333').text(label, cx - 20, y + h + 3, { width: 40, align: 'center' });
  }
  doc.fillColor('#666666').text(utc(r.scheduledStart), chartX, y + h + 13).text(utc(r.scheduledEnd), chartX + chartW - 80, y + h + 13, { width: 80, align: 'right' });
  doc.x = x;
  doc.y = y + h + 28;
}
