ALTER TABLE `review_runs` ADD `lease_holder` text;--> statement-breakpoint
ALTER TABLE `review_runs` ADD `lease_expires_at` text;