-- Who may use the web app of `flep serve` (README, "Who may use the web app"). A password is kept only as a hash
-- from Spring Security's DelegatingPasswordEncoder ("{bcrypt}$2a$10$..."), never in clear. viewer: read runs and
-- reports; operator: also start runs; admin: also manage users.
create table web_user (
    name                text        primary key check (name ~ '^[a-z][a-z0-9._-]{0,63}$'),
    role                text        not null check (role in ('ADMIN', 'OPERATOR', 'VIEWER')),
    password_hash       text        not null,
    created_at          timestamptz not null default now(),
    password_changed_at timestamptz not null default now()
);
