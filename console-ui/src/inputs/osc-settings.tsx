/**
 * The show's OSC input: on or off, the UDP port, the source addresses allowed
 * to send (one address or CIDR block per line) and state feedback. The
 * controller checks every field again on save and names the one at fault.
 */
import type { OscInput } from '@crowdcue/protocol';
import { useEffect, useState } from 'react';
import { NumberField } from '../ui/number-field';
import type { InputSectionProps } from './input-sections';

const NEW_OSC: OscInput = { enabled: true, port: 8000, allow: ['127.0.0.1'], feedback: { enabled: true, maxSubscribers: 16 } };

export function OscSettings({ value, onChange, disabled }: InputSectionProps<OscInput>) {
  const [allowText, setAllowText] = useState((value?.allow ?? []).join('\n'));
  useEffect(() => setAllowText((value?.allow ?? []).join('\n')), [value?.allow]);

  if (!value) {
    return (
      <div className="pad row" data-testid="osc-settings">
        <span className="muted">This show takes no OSC.</span>
        <button data-testid="osc-add" disabled={disabled} onClick={() => onChange(NEW_OSC)}>
          Add an OSC input
        </button>
      </div>
    );
  }
  const set = (patch: Partial<OscInput>) => onChange({ ...value, ...patch });
  const commitAllow = () => {
    const allow = allowText
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (allow.join('\n') !== value.allow.join('\n')) set({ allow });
  };

  return (
    <div className="pad input-form" data-testid="osc-settings">
      <label className="check">
        <input type="checkbox" data-testid="osc-enabled" checked={value.enabled} disabled={disabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Listen for OSC
      </label>
      <NumberField label="UDP port" value={value.port} min={1024} max={65535} disabled={disabled} testId="osc-port" onChange={(port) => port !== undefined && set({ port })} />
      <label>
        Allowed senders <span className="muted small-text">(one address or CIDR block a line; others are dropped and counted)</span>
        <textarea
          data-testid="osc-allow"
          rows={4}
          value={allowText}
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => setAllowText(e.target.value)}
          onBlur={commitAllow}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          data-testid="osc-feedback"
          checked={value.feedback.enabled}
          disabled={disabled}
          onChange={(e) => set({ feedback: { ...value.feedback, enabled: e.target.checked } })}
        />
        State feedback to clients that send <code>/crowdcue/subscribe</code>
      </label>
      <NumberField
        label="Feedback clients at most"
        value={value.feedback.maxSubscribers}
        min={1}
        max={64}
        disabled={disabled || !value.feedback.enabled}
        testId="osc-max-subscribers"
        onChange={(n) => n !== undefined && set({ feedback: { ...value.feedback, maxSubscribers: n } })}
      />
      <div className="row">
        <button className="ghost" data-testid="osc-remove" disabled={disabled} onClick={() => onChange(undefined)}>
          Remove the OSC input
        </button>
      </div>
    </div>
  );
}
