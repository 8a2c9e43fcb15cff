ALTER TABLE `agents` ADD `lease_expiries` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `lease_seconds` integer DEFAULT 3600 NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `auto_accept_seconds` integer DEFAULT 259200;--> statement-breakpoint
ALTER TABLE `tasks` ADD `lease_expires_at` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `auto_accept_at` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `late` integer DEFAULT false NOT NULL;