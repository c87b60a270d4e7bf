/**
 * Choose a venue by its kind and size: stadium, arena or festival field, how
 * many seats and how many zones, with the seat count it gives and any limit
 * named before it is applied.
 */
import { formatCount, generatorSeatCount, VENUE_KINDS } from '@crowdcue/protocol';
import { useState } from 'react';
import { VENUE_CHOICE_DEFAULTS, VENUE_KIND_LABEL, venueChoiceError, venueSpec, type VenueChoice, type VenueKind } from './venue-choice';
import './venue-choice.css';

interface Props {
  initial?: VenueChoice | null;
  disabled?: boolean;
  /** The button's words: "Use this venue", "Create". */
  action: string;
  /** Said under the fields, e.g. that applying replaces zones assigned by hand. */
  note?: string;
  onApply: (choice: VenueChoice) => void;
  testId?: string;
  /** False keeps the apply button off while the fields stay open (a new show waits for its name). */
  canApply?: boolean;
  /** The apply button's test id, when a page already names it. */
  applyTestId?: string;
}

export function VenueChoiceForm({ initial, disabled, action, note, onApply, testId = 'venue-choice', applyTestId, canApply = true }: Props) {
  const [choice, setChoice] = useState<VenueChoice>(initial ?? VENUE_CHOICE_DEFAULTS.arena);
  const error = venueChoiceError(choice);
  const total = error ? null : generatorSeatCount(venueSpec(choice));
  const setKind = (kind: VenueKind) => setChoice(VENUE_CHOICE_DEFAULTS[kind]);

  return (
    <div className="venue-choice" data-testid={testId}>
      <div className="venue-kinds segmented" role="radiogroup" aria-label="Venue kind">
        {VENUE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={choice.kind === k}
            data-testid={`${testId}-kind-${k}`}
            className={choice.kind === k ? 'on' : ''}
            disabled={disabled}
            onClick={() => setKind(k)}
          >
            {VENUE_KIND_LABEL[k]}
          </button>
        ))}
      </div>
      <div className="venue-size-fields">
        <label>
          {choice.kind === 'field' ? 'People' : 'Seats'}
          <input
            data-testid={`${testId}-seats`}
            type="number"
            min={100}
            max={65_535}
            step={100}
            value={Number.isFinite(choice.seats) ? choice.seats : ''}
            disabled={disabled}
            onChange={(e) => setChoice({ ...choice, seats: e.target.valueAsNumber })}
          />
        </label>
        <label>
          Zones
          <input
            data-testid={`${testId}-zones`}
            type="number"
            min={1}
            max={64}
            value={Number.isFinite(choice.zones) ? choice.zones : ''}
            disabled={disabled}
            onChange={(e) => setChoice({ ...choice, zones: e.target.valueAsNumber })}
          />
        </label>
      </div>
      {error ? (
        <p className="error small-text" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : (
        <p className="muted small-text" data-testid={`${testId}-total`}>
          {VENUE_KIND_LABEL[choice.kind]}: {formatCount(total ?? 0)} {choice.kind === 'field' ? 'people' : 'seats'} in {choice.zones} zones
          {note ? `. ${note}` : ''}
        </p>
      )}
      <button type="button" className="primary" data-testid={applyTestId ?? `${testId}-apply`} disabled={disabled || !canApply || error !== null} onClick={() => onApply(choice)}>
        {action}
      </button>
    </div>
  );
}
