ALTER TABLE `workflow_versions` ADD `author_id` text;--> statement-breakpoint
ALTER TABLE `workflow_versions` ADD `author_name` text;--> statement-breakpoint
ALTER TABLE `workflow_versions` ADD `message` text;