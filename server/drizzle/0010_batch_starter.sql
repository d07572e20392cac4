ALTER TABLE `batches` ADD `started_by_id` text;--> statement-breakpoint
ALTER TABLE `batches` ADD `started_by_name` text;