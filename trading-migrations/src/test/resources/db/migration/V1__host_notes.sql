-- A host application's own migration at Flyway's default location, beside the trading library's.
create table host_notes (
    id   bigint primary key,
    body text not null
);
