ALTER TABLE `reconciler_runs` ADD `reprojected` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `reconciler_runs` ADD `swept_to` integer DEFAULT 0 NOT NULL;