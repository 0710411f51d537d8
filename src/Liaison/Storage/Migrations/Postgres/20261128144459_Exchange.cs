using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Liaison.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Exchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_named_groups_Name",
                table: "named_groups");

            migrationBuilder.AddColumn<bool>(
                name: "IsReceived",
                table: "named_groups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "delivery_receipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    StatusId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HttpStatus = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    ContentDigest = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignatureInput = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Signature = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RequestDigest = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_receipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartyId = table.Column<int>(type: "integer", nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyFingerprint = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    TlsFingerprint = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    AllowInsecureHttp = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PairedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TrustedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastContactAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFailureAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFailure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    PullCursor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    LastPullAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partners_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stix_objects",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StixId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VersionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SpecVersion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedByRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Revoked = table.Column<bool>(type: "boolean", nullable: false),
                    RefersTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Tlp = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OriginPartyId = table.Column<int>(type: "integer", nullable: false),
                    Recipients = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OnwardConsent = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DateAdded = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsLatest = table.Column<bool>(type: "boolean", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stix_objects", x => x.Seq);
                    table.ForeignKey(
                        name: "FK_stix_objects_parties_OriginPartyId",
                        column: x => x.OriginPartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "taxii_statuses",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Requester = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxii_statuses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    ObjectSeq = table.Column<long>(type: "bigint", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceiptId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deliveries", x => x.Seq);
                    table.ForeignKey(
                        name: "FK_deliveries_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_deliveries_stix_objects_ObjectSeq",
                        column: x => x.ObjectSeq,
                        principalTable: "stix_objects",
                        principalColumn: "Seq",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_named_groups_Name",
                table: "named_groups",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_ObjectSeq",
                table: "deliveries",
                column: "ObjectSeq");

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_PartnerId_AddedAt",
                table: "deliveries",
                columns: new[] { "PartnerId", "AddedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_PartnerId_ObjectSeq",
                table: "deliveries",
                columns: new[] { "PartnerId", "ObjectSeq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_PartnerId_Seq",
                table: "deliveries",
                columns: new[] { "PartnerId", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_State_NextAttemptAt",
                table: "deliveries",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_receipts_PartnerId_ReceivedAt",
                table: "delivery_receipts",
                columns: new[] { "PartnerId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_receipts_StatusId",
                table: "delivery_receipts",
                column: "StatusId");

            migrationBuilder.CreateIndex(
                name: "IX_partners_KeyFingerprint",
                table: "partners",
                column: "KeyFingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_partners_PartyId",
                table: "partners",
                column: "PartyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stix_objects_DateAdded",
                table: "stix_objects",
                column: "DateAdded",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stix_objects_OriginPartyId",
                table: "stix_objects",
                column: "OriginPartyId");

            migrationBuilder.CreateIndex(
                name: "IX_stix_objects_RefersTo",
                table: "stix_objects",
                column: "RefersTo");

            migrationBuilder.CreateIndex(
                name: "IX_stix_objects_StixId_VersionAt",
                table: "stix_objects",
                columns: new[] { "StixId", "VersionAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stix_objects_Type_Seq",
                table: "stix_objects",
                columns: new[] { "Type", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deliveries");

            migrationBuilder.DropTable(
                name: "delivery_receipts");

            migrationBuilder.DropTable(
                name: "taxii_statuses");

            migrationBuilder.DropTable(
                name: "partners");

            migrationBuilder.DropTable(
                name: "stix_objects");

            migrationBuilder.DropIndex(
                name: "IX_named_groups_Name",
                table: "named_groups");

            migrationBuilder.DropColumn(
                name: "IsReceived",
                table: "named_groups");

            migrationBuilder.CreateIndex(
                name: "IX_named_groups_Name",
                table: "named_groups",
                column: "Name",
                unique: true);
        }
    }
}
