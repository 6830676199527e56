export { listViews, getView, createView, updateView, deleteView } from './views.service.ts';
export type { ViewOut, ViewInput } from './views.service.ts';
