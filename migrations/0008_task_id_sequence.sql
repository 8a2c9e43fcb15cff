-- Task ids are allocated from id_sequences('tasks') ahead of the task's creation, so the TaskRoom
-- can create the task and its projection write the row (the Worker no longer inserts it). Tasks
-- are never deleted, so the sequence starts after the highest id the table holds.
INSERT INTO `id_sequences` (`name`, `value`) SELECT 'tasks', coalesce(max(`id`), 0) FROM `tasks`;
