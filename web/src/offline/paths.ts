// The address of the outbox page (app.tsx shows it before the router's own pages).
export const OUTBOX_PATH = '/outbox';
