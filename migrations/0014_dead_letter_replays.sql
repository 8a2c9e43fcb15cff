ALTER TABLE `dead_letters` ADD `replayed_at` text;--> statement-breakpoint
ALTER TABLE `dead_letters` ADD `replays` integer DEFAULT 0 NOT NULL;