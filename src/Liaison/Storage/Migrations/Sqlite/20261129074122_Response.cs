using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Response : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FlashAckSeconds",
                table: "partners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hotlines",
                table: "partners",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImmediateAckSeconds",
                table: "partners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PriorityAckSeconds",
                table: "partners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoutineAckSeconds",
                table: "partners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PartyId",
                table: "officers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "StixId",
                table: "officers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StixModified",
                table: "officers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StixId",
                table: "duty_shifts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StixModified",
                table: "duty_shifts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Calendar",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StixId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OriginPartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Precedence = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AreaJson = table.Column<string>(type: "TEXT", nullable: true),
                    MinLatitude = table.Column<double>(type: "REAL", nullable: true),
                    MinLongitude = table.Column<double>(type: "REAL", nullable: true),
                    MaxLatitude = table.Column<double>(type: "REAL", nullable: true),
                    MaxLongitude = table.Column<double>(type: "REAL", nullable: true),
                    SectorCodes = table.Column<string>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddressedTo = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alerts_parties_OriginPartyId",
                        column: x => x.OriginPartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "channel_threads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ThreadRef = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartnerPartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedHere = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_threads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_channel_threads_parties_PartnerPartyId",
                        column: x => x.PartnerPartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "requests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StixId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OriginPartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddresseePartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Questions = table.Column<string>(type: "TEXT", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Due = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Tlp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SectorCodes = table.Column<string>(type: "TEXT", nullable: false),
                    RecordRefs = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceiptId = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgementId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResponseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnswerRefs = table.Column<string>(type: "TEXT", nullable: false),
                    OnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OverdueAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_requests_parties_AddresseePartyId",
                        column: x => x.AddresseePartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_requests_parties_OriginPartyId",
                        column: x => x.OriginPartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Party = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_events_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_recipients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddressedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddressedVersionAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceiptId = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgementId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgementRecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    OverdueAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_recipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_recipients_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_alert_recipients_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "escalation_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Rung = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlannedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LateSeconds = table.Column<double>(type: "REAL", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Notified = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_escalation_steps_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StepId = table.Column<long>(type: "INTEGER", nullable: true),
                    Rung = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OfficerId = table.Column<int>(type: "INTEGER", nullable: true),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Contacts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channel_messages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    StixId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OriginPartyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WrittenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReadReceiptId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_channel_messages_channel_threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "channel_threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_channel_messages_parties_OriginPartyId",
                        column: x => x.OriginPartyId,
                        principalTable: "parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "request_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Party = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_request_events_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_officers_PartyId",
                table: "officers",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_officers_StixId",
                table: "officers",
                column: "StixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_shifts_StixId",
                table: "duty_shifts",
                column: "StixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_AlertId_At",
                table: "alert_events",
                columns: new[] { "AlertId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_recipients_AcknowledgedAt_OverdueAt_Deadline",
                table: "alert_recipients",
                columns: new[] { "AcknowledgedAt", "OverdueAt", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_recipients_AlertId_PartyId",
                table: "alert_recipients",
                columns: new[] { "AlertId", "PartyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_recipients_PartyId",
                table: "alert_recipients",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_OriginPartyId_Id",
                table: "alerts",
                columns: new[] { "OriginPartyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Status_Id",
                table: "alerts",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_StixId",
                table: "alerts",
                column: "StixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channel_messages_OriginPartyId_ReadAt",
                table: "channel_messages",
                columns: new[] { "OriginPartyId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_messages_StixId",
                table: "channel_messages",
                column: "StixId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channel_messages_ThreadId_WrittenAt_Sequence",
                table: "channel_messages",
                columns: new[] { "ThreadId", "WrittenAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_threads_PartnerPartyId_Id",
                table: "channel_threads",
                columns: new[] { "PartnerPartyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_threads_ThreadRef",
                table: "channel_threads",
                column: "ThreadRef",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_escalation_steps_AlertId_Index",
                table: "escalation_steps",
                columns: new[] { "AlertId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_escalation_steps_State_DueAt",
                table: "escalation_steps",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_AlertId",
                table: "notifications",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_ReadAt_Id",
                table: "notifications",
                columns: new[] { "ReadAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_StepId",
                table: "notifications",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_request_events_RequestId_At",
                table: "request_events",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_AddresseePartyId",
                table: "requests",
                column: "AddresseePartyId");

            migrationBuilder.CreateIndex(
                name: "IX_requests_OriginPartyId_Id",
                table: "requests",
                columns: new[] { "OriginPartyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_Outcome_WithdrawnAt_OverdueAt_Due",
                table: "requests",
                columns: new[] { "Outcome", "WithdrawnAt", "OverdueAt", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_requests_StixId",
                table: "requests",
                column: "StixId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_officers_parties_PartyId",
                table: "officers",
                column: "PartyId",
                principalTable: "parties",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_officers_parties_PartyId",
                table: "officers");

            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alert_recipients");

            migrationBuilder.DropTable(
                name: "channel_messages");

            migrationBuilder.DropTable(
                name: "escalation_steps");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "request_events");

            migrationBuilder.DropTable(
                name: "channel_threads");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "requests");

            migrationBuilder.DropIndex(
                name: "IX_officers_PartyId",
                table: "officers");

            migrationBuilder.DropIndex(
                name: "IX_officers_StixId",
                table: "officers");

            migrationBuilder.DropIndex(
                name: "IX_duty_shifts_StixId",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "FlashAckSeconds",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "Hotlines",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "ImmediateAckSeconds",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "PriorityAckSeconds",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "RoutineAckSeconds",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "PartyId",
                table: "officers");

            migrationBuilder.DropColumn(
                name: "StixId",
                table: "officers");

            migrationBuilder.DropColumn(
                name: "StixModified",
                table: "officers");

            migrationBuilder.DropColumn(
                name: "StixId",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "StixModified",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "Calendar",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "AspNetUsers");
        }
    }
}
