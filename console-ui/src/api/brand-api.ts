/**
 * A brand's own logo sequences. The route belongs to the brand feature (issue 7);
 * until it exists the page says so instead of failing.
 */
import { api } from './http';

export interface BrandSequenceSummary {
  id: string;
  name: string;
  show?: string;
  approved?: boolean;
  schedule?: unknown;
}

export const listMySequences = () => api<BrandSequenceSummary[]>('/api/brand/sequences');
