namespace Liaison.Protocol.Json;

internal static class Placeholder;
