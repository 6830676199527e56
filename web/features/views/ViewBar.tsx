import type { SavedView } from '../../api.ts';
import {
  parseDashboardSearch,
  viewFilters,
  type DashboardSearch,
} from '../cases/dashboard-search.ts';
import { ViewPicker } from './ViewPicker.tsx';

interface Props {
  search: DashboardSearch;
  meId: number;
  isAdmin: boolean;
  onApply: (search: DashboardSearch) => void;
}

/** The search a saved view stands for. */
export function searchOfView(v: SavedView): DashboardSearch {
  const [sort, order] = v.sort.split(':');
  return parseDashboardSearch({
    ...v.filters,
    cols: v.columns.length ? v.columns.join(',') : undefined,
    sort,
    order,
    view: v.id,
  });
}

/** The cases dashboard's saved views. */
export function ViewBar({ search, meId, isAdmin, onApply }: Props) {
  return (
    <ViewPicker
      kind="cases"
      currentId={search.view}
      settings={() => ({
        filters: viewFilters(search),
        columns: search.cols ? search.cols.split(',') : [],
        sort: `${search.sort ?? 'updatedAt'}:${search.order ?? 'desc'}`,
      })}
      meId={meId}
      isAdmin={isAdmin}
      onApply={(v) => onApply(v ? searchOfView(v) : {})}
    />
  );
}
