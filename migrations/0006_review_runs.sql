CREATE TABLE `review_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`deliverable_id` integer NOT NULL,
	`agent_id` integer NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`key_source` text,
	`provider` text,
	`model` text,
	`answer` text,
	`feedback` text,
	`requirements_met` integer,
	`requirements_total` integer,
	`quality_score` real,
	`completeness_score` real,
	`correctness_score` real,
	`input_tokens` integer,
	`output_tokens` integer,
	`cost_micro_usd` integer,
	`error` text,
	`started_at` text NOT NULL,
	`evaluated_at` text,
	`completed_at` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_runs_deliverable_id_unique` ON `review_runs` (`deliverable_id`);--> statement-breakpoint
CREATE INDEX `review_runs_task_idx` ON `review_runs` (`task_id`,`id`);