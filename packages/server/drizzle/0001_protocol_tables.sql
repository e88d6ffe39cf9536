CREATE TABLE `a2a_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`requesting_agent_id` text NOT NULL,
	`requested_from_agent_id` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`purpose` text,
	`metadata` text,
	`status` text NOT NULL,
	`reason` text,
	`transaction_id` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `a2a_from` ON `a2a_requests` (`requested_from_agent_id`,`status`);--> statement-breakpoint
CREATE INDEX `a2a_by` ON `a2a_requests` (`requesting_agent_id`,`status`);--> statement-breakpoint
CREATE TABLE `agent_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`card_id` text NOT NULL,
	`spend_limit_per_tx_micros` integer,
	`spend_limit_daily_micros` integer,
	`spend_limit_weekly_micros` integer,
	`spend_limit_monthly_micros` integer,
	`allowed_days` text NOT NULL,
	`allowed_hours_start` integer NOT NULL,
	`allowed_hours_end` integer NOT NULL,
	`timezone` text NOT NULL,
	`allowed_categories` text,
	`blocked_categories` text NOT NULL,
	`allowed_merchants` text,
	`blocked_merchants` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`card_id`) REFERENCES `cards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_cards_pair` ON `agent_cards` (`agent_id`,`card_id`);--> statement-breakpoint
CREATE TABLE `card_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`card_id` text NOT NULL,
	`policy_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`card_id`) REFERENCES `cards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_policies_pair` ON `card_policies` (`card_id`,`policy_id`);--> statement-breakpoint
CREATE TABLE `policy_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`policy_id` text,
	`rule_id` text,
	`reason` text NOT NULL,
	`amount_micros` integer,
	`status` text NOT NULL,
	`expires_at` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policy_exceptions_agent` ON `policy_exceptions` (`agent_id`,`created_at`);