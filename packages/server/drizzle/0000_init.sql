CREATE TABLE `agent_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`policy_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_policies_pair` ON `agent_policies` (`agent_id`,`policy_id`);--> statement-breakpoint
CREATE INDEX `agent_policies_policy` ON `agent_policies` (`policy_id`);--> statement-breakpoint
CREATE TABLE `agent_relationships` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`counterparty_id` text NOT NULL,
	`spend_limit_per_tx_micros` integer,
	`spend_limit_daily_micros` integer,
	`spend_limit_monthly_micros` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`counterparty_id`) REFERENCES `counterparties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relationships_pair` ON `agent_relationships` (`agent_id`,`counterparty_id`);--> statement-breakpoint
CREATE TABLE `agent_wallet_links` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`wallet_id` text NOT NULL,
	`delegation_type` text NOT NULL,
	`spend_limit_per_tx_micros` integer,
	`spend_limit_daily_micros` integer,
	`spend_limit_weekly_micros` integer,
	`spend_limit_monthly_micros` integer,
	`allowed_hours_start` integer NOT NULL,
	`allowed_hours_end` integer NOT NULL,
	`allowed_days` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`wallet_id`) REFERENCES `wallets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_agent_wallet` ON `agent_wallet_links` (`agent_id`,`wallet_id`);--> statement-breakpoint
CREATE INDEX `links_wallet` ON `agent_wallet_links` (`wallet_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`agent_type` text NOT NULL,
	`status` text NOT NULL,
	`description` text,
	`public_key` text,
	`external_id` text,
	`purpose` text,
	`environment` text,
	`risk_tier` text,
	`owner_membership_id` text,
	`allowed_contexts` text,
	`identity_tags` text,
	`metadata` text,
	`callback_url` text,
	`auto_freeze_enabled` integer DEFAULT false NOT NULL,
	`freeze_config` text,
	`frozen_at` integer,
	`frozen_reason` text,
	`frozen_wallet_ids` text,
	`consecutive_violations` integer DEFAULT 0 NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_org_name` ON `agents` (`organization_id`,`name`);--> statement-breakpoint
CREATE INDEX `agents_org_public_key` ON `agents` (`organization_id`,`public_key`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`message` text NOT NULL,
	`agent_id` text,
	`wallet_id` text,
	`metadata` text,
	`note` text,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`resolved_at` integer,
	`resolved_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_org_status` ON `alerts` (`organization_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`scopes` text NOT NULL,
	`scope_preset` text,
	`created_by_member_id` text,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_org` ON `api_keys` (`organization_id`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`agent_id` text NOT NULL,
	`payment_request_id` text,
	`external_approval_id` text,
	`workflow_id` text,
	`amount_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`recipient_address` text,
	`purpose` text,
	`required_approvals` integer NOT NULL,
	`approvals` text NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `approval_requests_org_status` ON `approval_requests` (`organization_id`,`status`);--> statement-breakpoint
CREATE TABLE `approval_workflows` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`priority` integer NOT NULL,
	`is_active` integer NOT NULL,
	`trigger_conditions` text NOT NULL,
	`required_approvals` integer NOT NULL,
	`timeout_hours` integer NOT NULL,
	`allow_self_approval` integer NOT NULL,
	`approver_roles` text NOT NULL,
	`specific_approvers` text NOT NULL,
	`sequential_approval` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `audit_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`resource_id` text,
	`previous_state` text,
	`new_state` text,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`metadata` text,
	`previous_hash` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_org_sequence` ON `audit_logs` (`organization_id`,`sequence`);--> statement-breakpoint
CREATE INDEX `audit_org_created` ON `audit_logs` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `budget_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`approved_amount_micros` integer,
	`current_spend_micros` integer DEFAULT 0 NOT NULL,
	`purpose` text NOT NULL,
	`category` text,
	`metadata` text,
	`status` text NOT NULL,
	`reason` text,
	`expires_at` integer NOT NULL,
	`window_ends_at` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `budget_requests_agent` ON `budget_requests` (`agent_id`,`status`);--> statement-breakpoint
CREATE TABLE `cards` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`provider` text NOT NULL,
	`last4` text NOT NULL,
	`brand` text NOT NULL,
	`card_type` text NOT NULL,
	`status` text NOT NULL,
	`spend_limit_daily_micros` integer,
	`spend_limit_per_tx_micros` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `counterparties` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`address_key` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`trust_score` real NOT NULL,
	`trust_level` text NOT NULL,
	`risk_level` text NOT NULL,
	`verified` integer NOT NULL,
	`category` text,
	`approval_status` text,
	`notes` text,
	`description` text,
	`website` text,
	`country` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counterparties_org_address` ON `counterparties` (`organization_id`,`address_key`);--> statement-breakpoint
CREATE TABLE `external_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`wallet_id` text,
	`status` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`chain_id` text NOT NULL,
	`recipient_address` text NOT NULL,
	`sender_address` text NOT NULL,
	`recipient_name` text,
	`purpose` text,
	`category` text,
	`context` text,
	`decision` text NOT NULL,
	`token_hash` text,
	`approval_request_id` text,
	`transaction_id` text,
	`expires_at` integer,
	`confirmed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `external_approvals_agent` ON `external_approvals` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`credential_id` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`body_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_key` ON `idempotency_keys` (`credential_id`,`key`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_org_email` ON `members` (`organization_id`,`email`);--> statement-breakpoint
CREATE TABLE `notification_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text,
	`type` text NOT NULL,
	`config` text NOT NULL,
	`events` text NOT NULL,
	`is_active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mode` text NOT NULL,
	`expires_at` integer,
	`is_sandbox` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`wallet_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`chain_id` text NOT NULL,
	`recipient_address` text,
	`recipient_key` text,
	`recipient_name` text,
	`purpose` text,
	`category` text,
	`context` text,
	`urgency` text NOT NULL,
	`auto_execute` integer NOT NULL,
	`decision` text NOT NULL,
	`wallet_selection_reason` text,
	`approval_request_id` text,
	`transaction_id` text,
	`failure_reason` text,
	`idempotency_key` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`wallet_id`) REFERENCES `wallets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `payment_requests_agent_created` ON `payment_requests` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_requests_status_expires` ON `payment_requests` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`policy_type` text NOT NULL,
	`priority` integer NOT NULL,
	`is_active` integer NOT NULL,
	`scope` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policies_org` ON `policies` (`organization_id`);--> statement-breakpoint
CREATE TABLE `policy_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`policy_id` text NOT NULL,
	`position` integer NOT NULL,
	`rule_type` text NOT NULL,
	`operator` text NOT NULL,
	`value` text NOT NULL,
	`action` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rules_policy_position` ON `policy_rules` (`policy_id`,`position`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`wallet_id` text NOT NULL,
	`recipient_key` text,
	`source_type` text NOT NULL,
	`source_id` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`released_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_source` ON `reservations` (`source_type`,`source_id`);--> statement-breakpoint
CREATE INDEX `reservations_agent_live` ON `reservations` (`agent_id`,`released_at`,`expires_at`);--> statement-breakpoint
CREATE TABLE `sdk_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`key_type` text NOT NULL,
	`scopes` text NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sdk_keys_hash` ON `sdk_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `sdk_keys_agent` ON `sdk_keys` (`agent_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `spend_days` (
	`agent_id` text NOT NULL,
	`wallet_id` text NOT NULL,
	`day` integer NOT NULL,
	`amount_micros` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spend_days_key` ON `spend_days` (`agent_id`,`wallet_id`,`day`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`wallet_id` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`amount_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`chain_id` text NOT NULL,
	`tx_hash` text,
	`from_address` text,
	`to_address` text,
	`to_key` text,
	`recipient_name` text,
	`purpose` text,
	`category` text,
	`service_domain` text,
	`resource_url` text,
	`session_id` text,
	`payment_request_id` text,
	`external_approval_id` text,
	`simulated` integer DEFAULT false NOT NULL,
	`failure_reason` text,
	`confirmed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transactions_agent_created` ON `transactions` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `transactions_wallet_agent_created` ON `transactions` (`wallet_id`,`agent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `transactions_org_created` ON `transactions` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `transactions_agent_to_created` ON `transactions` (`agent_id`,`to_key`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_payment_request` ON `transactions` (`payment_request_id`);--> statement-breakpoint
CREATE TABLE `wallets` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`address_key` text,
	`wallet_type` text NOT NULL,
	`chain_type` text NOT NULL,
	`chain_id` text NOT NULL,
	`custody_type` text NOT NULL,
	`balance_micros` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`is_watch_only` integer DEFAULT false NOT NULL,
	`enforcement_mode` text NOT NULL,
	`external_wallet_id` text,
	`encrypted_private_key` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `wallets_org` ON `wallets` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `wallets_org_address_chain` ON `wallets` (`organization_id`,`address_key`,`chain_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `wallets_org_external_chain` ON `wallets` (`organization_id`,`external_wallet_id`,`chain_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`error` text,
	`duration_ms` integer,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_webhook_created` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_pending` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`events` text NOT NULL,
	`is_active` integer NOT NULL,
	`secret` text NOT NULL,
	`last_delivery_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
