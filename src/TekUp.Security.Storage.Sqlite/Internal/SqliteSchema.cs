namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>Every migration of every module, in the order they are applied. Append only.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new("0001_core_tenants", """
            CREATE TABLE tekup_tenants (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                status INTEGER NOT NULL,
                ip_allow_list TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            """),
        new("0002_audit", """
            CREATE TABLE tekup_audit_entries (
                chain_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                tenant_id TEXT NULL,
                event_type TEXT NOT NULL,
                actor TEXT NULL,
                subject TEXT NULL,
                resource TEXT NULL,
                outcome INTEGER NOT NULL,
                reason TEXT NULL,
                data TEXT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                PRIMARY KEY (chain_id, sequence)
            ) WITHOUT ROWID;
            CREATE INDEX ix_tekup_audit_entries_tenant ON tekup_audit_entries (chain_id, tenant_id, sequence);
            CREATE INDEX ix_tekup_audit_entries_time ON tekup_audit_entries (chain_id, timestamp);
            CREATE TABLE tekup_audit_checkpoints (
                chain_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                hash TEXT NOT NULL,
                previous_checkpoint INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                algorithm TEXT NOT NULL,
                key_id TEXT NOT NULL,
                signature TEXT NOT NULL,
                PRIMARY KEY (chain_id, sequence)
            ) WITHOUT ROWID;
            CREATE TABLE tekup_audit_heads (
                chain_id TEXT NOT NULL PRIMARY KEY,
                sequence INTEGER NOT NULL,
                hash TEXT NOT NULL,
                previous_checkpoint INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                algorithm TEXT NOT NULL,
                key_id TEXT NOT NULL,
                signature TEXT NOT NULL
            ) WITHOUT ROWID;
            -- Append-only against mistakes in application code. Someone with write access to the file can drop these;
            -- verification detects what they change next.
            CREATE TRIGGER tr_tekup_audit_entries_no_update BEFORE UPDATE ON tekup_audit_entries
            BEGIN SELECT RAISE(ABORT, 'tekup_audit_entries is append-only'); END;
            CREATE TRIGGER tr_tekup_audit_entries_no_delete BEFORE DELETE ON tekup_audit_entries
            BEGIN SELECT RAISE(ABORT, 'tekup_audit_entries is append-only'); END;
            CREATE TRIGGER tr_tekup_audit_checkpoints_no_update BEFORE UPDATE ON tekup_audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'tekup_audit_checkpoints is append-only'); END;
            CREATE TRIGGER tr_tekup_audit_checkpoints_no_delete BEFORE DELETE ON tekup_audit_checkpoints
            BEGIN SELECT RAISE(ABORT, 'tekup_audit_checkpoints is append-only'); END;
            """),
        new("0003_keys", """
            CREATE TABLE tekup_data_keys (
                key_id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                data_class INTEGER NOT NULL,
                state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
                wrapped_key BLOB NULL,
                kek_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                activated_at INTEGER NOT NULL,
                rotated_at INTEGER NULL,
                revoked_at INTEGER NULL,
                destroyed_at INTEGER NULL,
                use_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL,
                CHECK ((state = 4) = (wrapped_key IS NULL))
            );
            CREATE UNIQUE INDEX ux_tekup_data_keys_one_active ON tekup_data_keys (tenant_id, data_class) WHERE state = 1;
            CREATE INDEX ix_tekup_data_keys_tenant ON tekup_data_keys (tenant_id, data_class, created_at);
            """),
        new("0004_auth", """
            CREATE TABLE tekup_api_keys (
                id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL,
                name TEXT NOT NULL,
                scopes TEXT NOT NULL,
                hash BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NULL,
                last_used_at INTEGER NULL,
                revoked_at INTEGER NULL,
                revocation_reason TEXT NULL,
                replaced_by_id TEXT NULL,
                version INTEGER NOT NULL
            );
            CREATE INDEX ix_tekup_api_keys_tenant ON tekup_api_keys (tenant_id, created_at, id);
            CREATE TABLE tekup_session_revocations (
                tenant_id TEXT NOT NULL,
                token_id TEXT NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, token_id)
            );
            CREATE INDEX ix_tekup_session_revocations_expires ON tekup_session_revocations (expires_at);
            CREATE TABLE tekup_session_cutoffs (
                tenant_id TEXT NOT NULL,
                key_id TEXT NOT NULL,
                issued_before INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, key_id)
            );
            CREATE TABLE tekup_ip_blocks (
                address TEXT NOT NULL PRIMARY KEY,
                blocked_until INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                reason TEXT NOT NULL,
                source TEXT NULL
            );
            CREATE INDEX ix_tekup_ip_blocks_until ON tekup_ip_blocks (blocked_until);
            """),
        new("0005_rbac", """
            CREATE TABLE tekup_rbac_epochs (
                tenant_id TEXT NOT NULL PRIMARY KEY,
                epoch INTEGER NOT NULL
            );
            CREATE TABLE tekup_rbac_roles (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NULL,
                permissions TEXT NOT NULL,
                parent_role_ids TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE TABLE tekup_rbac_assignments (
                tenant_id TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                role_id TEXT NOT NULL,
                assigned_at INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, subject_id, role_id),
                FOREIGN KEY (tenant_id, role_id) REFERENCES tekup_rbac_roles (tenant_id, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_tekup_rbac_assignments_role ON tekup_rbac_assignments (tenant_id, role_id);
            """),
        new("0006_gdpr", """
            CREATE TABLE tekup_gdpr_requests (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                is_open INTEGER NOT NULL,
                effective_due_at INTEGER NOT NULL,
                next_purge_at INTEGER NULL,
                received_at INTEGER NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE INDEX ix_tekup_gdpr_requests_due ON tekup_gdpr_requests (tenant_id, effective_due_at) WHERE is_open = 1;
            CREATE INDEX ix_tekup_gdpr_requests_purge ON tekup_gdpr_requests (tenant_id, next_purge_at) WHERE next_purge_at IS NOT NULL;
            CREATE INDEX ix_tekup_gdpr_requests_subject ON tekup_gdpr_requests (tenant_id, subject_id);
            CREATE TABLE tekup_gdpr_exports (
                tenant_id TEXT NOT NULL,
                id TEXT NOT NULL,
                request_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                manifest_sha256 TEXT NOT NULL,
                ciphertext BLOB NOT NULL,
                PRIMARY KEY (tenant_id, id)
            );
            CREATE INDEX ix_tekup_gdpr_exports_expiry ON tekup_gdpr_exports (expires_at);
            CREATE TABLE tekup_gdpr_limits (
                tenant_id TEXT NOT NULL,
                subject_ref TEXT NOT NULL,
                kind INTEGER NOT NULL,
                purpose TEXT NOT NULL,
                recorded_at INTEGER NOT NULL,
                request_id TEXT NULL,
                PRIMARY KEY (tenant_id, subject_ref, kind, purpose)
            );
            CREATE TABLE tekup_gdpr_erasures (
                tenant_id TEXT NOT NULL,
                request_id TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (tenant_id, request_id)
            );
            CREATE TABLE tekup_gdpr_subject_keys (
                tenant_id TEXT NOT NULL,
                key_id TEXT NOT NULL,
                subject_ref TEXT NOT NULL,
                kek_id TEXT NOT NULL,
                wrapped_key BLOB NULL,
                created_at INTEGER NOT NULL,
                destroyed_at INTEGER NULL,
                PRIMARY KEY (tenant_id, key_id),
                CHECK ((destroyed_at IS NULL) = (wrapped_key IS NOT NULL))
            );
            CREATE UNIQUE INDEX ux_tekup_gdpr_subject_keys_active ON tekup_gdpr_subject_keys (tenant_id, subject_ref) WHERE destroyed_at IS NULL;
            """),
    ];
}
