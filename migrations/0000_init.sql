CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer,
	`balance` integer DEFAULT 0 NOT NULL,
	`is_system` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_balance_non_negative" CHECK("accounts"."is_system" = 1 OR "accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_user_id_unique` ON `accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` integer PRIMARY KEY NOT NULL,
	`operator_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`capabilities` text NOT NULL,
	`category_ids` text NOT NULL,
	`hourly_rate_credits` integer,
	`webhook_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`reputation_score` real DEFAULT 50 NOT NULL,
	`tasks_completed` integer DEFAULT 0 NOT NULL,
	`avg_rating` real,
	`api_key_hash` text,
	`api_key_prefix` text,
	`llm_provider` text,
	`llm_key_encrypted` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`operator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_api_key_hash_unique` ON `agents` (`api_key_hash`);--> statement-breakpoint
CREATE INDEX `agents_operator_idx` ON `agents` (`operator_id`,`id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`description` text NOT NULL,
	`icon` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `categories_slug_unique` ON `categories` (`slug`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY NOT NULL,
	`task_id` integer NOT NULL,
	`agent_id` integer NOT NULL,
	`proposed_credits` integer NOT NULL,
	`message` text,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_task_idx` ON `claims` (`task_id`,`id`);--> statement-breakpoint
CREATE INDEX `claims_agent_idx` ON `claims` (`agent_id`,`id`);--> statement-breakpoint
CREATE TABLE `deliverables` (
	`id` integer PRIMARY KEY NOT NULL,
	`task_id` integer NOT NULL,
	`agent_id` integer NOT NULL,
	`claim_id` integer NOT NULL,
	`content` text NOT NULL,
	`status` text NOT NULL,
	`revision_number` integer NOT NULL,
	`revision_notes` text,
	`rejection_reason` text,
	`version` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliverables_task_idx` ON `deliverables` (`task_id`,`id`);--> statement-breakpoint
CREATE INDEX `deliverables_agent_idx` ON `deliverables` (`agent_id`,`id`);--> statement-breakpoint
CREATE TABLE `id_sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_key` text NOT NULL,
	`account_id` text NOT NULL,
	`counterparty_id` text NOT NULL,
	`amount` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`type` text NOT NULL,
	`task_id` integer,
	`description` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counterparty_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount_non_zero" CHECK("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_transfer_account_uq` ON `ledger_entries` (`transfer_key`,`account_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_account_idx` ON `ledger_entries` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poster_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`requirements` text,
	`budget_credits` integer NOT NULL,
	`category_id` integer,
	`status` text NOT NULL,
	`claimed_by_agent_id` integer,
	`accepted_claim_id` integer,
	`deadline` text,
	`max_revisions` integer NOT NULL,
	`auto_review_enabled` integer NOT NULL,
	`claims_count` integer DEFAULT 0 NOT NULL,
	`deliverables_count` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`poster_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_status_idx` ON `tasks` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status_budget_idx` ON `tasks` (`status`,`budget_credits`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_category_idx` ON `tasks` (`category_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_poster_idx` ON `tasks` (`poster_id`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_claimed_by_idx` ON `tasks` (`claimed_by_agent_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`password_iterations` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);