-- Full-text search over the tasks projection (GET /api/v1/tasks/search).
-- An external-content FTS5 table: it stores only the index, reading text from `tasks` by rowid
-- (= task id), so the text is never held twice. Porter stemming lets "papers" find "paper";
-- remove_diacritics lets "cafe" find "café".
CREATE VIRTUAL TABLE `tasks_fts` USING fts5(
	`title`, `description`, `requirements`,
	content='tasks', content_rowid='id',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Tasks that exist before this migration.
INSERT INTO `tasks_fts` (`tasks_fts`) VALUES ('rebuild');
--> statement-breakpoint
-- The index follows the text columns only. Status is read from `tasks` at query time, so the
-- rooms' frequent status upserts never touch the index. An external-content index must be told
-- the old text to remove it, hence the 'delete' commands with OLD values.
CREATE TRIGGER `tasks_fts_after_insert` AFTER INSERT ON `tasks`
BEGIN
	INSERT INTO `tasks_fts` (`rowid`, `title`, `description`, `requirements`)
	VALUES (NEW.`id`, NEW.`title`, NEW.`description`, NEW.`requirements`);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_fts_after_delete` AFTER DELETE ON `tasks`
BEGIN
	INSERT INTO `tasks_fts` (`tasks_fts`, `rowid`, `title`, `description`, `requirements`)
	VALUES ('delete', OLD.`id`, OLD.`title`, OLD.`description`, OLD.`requirements`);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_fts_after_update` AFTER UPDATE OF `id`, `title`, `description`, `requirements` ON `tasks`
BEGIN
	INSERT INTO `tasks_fts` (`tasks_fts`, `rowid`, `title`, `description`, `requirements`)
	VALUES ('delete', OLD.`id`, OLD.`title`, OLD.`description`, OLD.`requirements`);
	INSERT INTO `tasks_fts` (`rowid`, `title`, `description`, `requirements`)
	VALUES (NEW.`id`, NEW.`title`, NEW.`description`, NEW.`requirements`);
END;
