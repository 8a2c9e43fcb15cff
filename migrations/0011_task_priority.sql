ALTER TABLE `tasks` ADD `priority` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_status_priority_idx` ON `tasks` (`status`,`priority`,`id`);