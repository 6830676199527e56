export { postOutbound, DEFAULT_TIMEOUT_MS } from './post.ts';
export type { OutboundRequest, OutboundResult, OutboundFailureKind } from './post.ts';
export { checkOutboundUrl, isAllowedHost } from './url-check.ts';
export type { UrlVerdict } from './url-check.ts';
export { refusedAddressReason } from './address-policy.ts';
export type { Resolver } from './connect-guard.ts';
