import type { Priority, TaskStatus } from '../api.ts';

export const priorityLabels: Record<Priority, string> = {
  very_low: 'Very low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
export const priorityColors: Record<Priority, string> = {
  very_low: 'gray',
  low: 'blue',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
export const priorityOptions = (Object.keys(priorityLabels) as Priority[]).map((value) => ({
  value,
  label: priorityLabels[value],
}));

export const taskStatusLabels: Record<TaskStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  failed: 'Failed',
  partially_completed: 'Partially completed',
  skipped: 'Skipped',
  completed: 'Completed',
};
export const taskStatusOptions = (Object.keys(taskStatusLabels) as TaskStatus[]).map((value) => ({
  value,
  label: taskStatusLabels[value],
}));
export const isOpenTask = (s: TaskStatus) => s === 'new' || s === 'in_progress';

export const categoryLabels = { new: 'New', active: 'Active', closed: 'Closed' } as const;
export const classificationLabels = {
  benign: 'Benign',
  confirmed_violation: 'Confirmed policy violation',
} as const;
