/** The operator's list of brand sequences to approve (GET /api/brand/approvals). */
import { api } from '../api/http';
import type { ApprovalView } from './approval-rows';

export const listApprovals = (show?: string) => api<ApprovalView[]>(`/api/brand/approvals${show ? `?show=${encodeURIComponent(show)}` : ''}`);
