export {
  seedStatuses,
  findStatus,
  requireUsableStatus,
  firstStatusOf,
  listStatusRows,
  toStatus,
  type StatusView,
  type Category,
} from './statuses.service.ts';
