using Microsoft.Extensions.Logging;

namespace TekUp.Security.Cryptography.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Crypto. Event ids 2000-2999. Never logs secrets or hashes.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "A stored password hash is not in a format this version can read; verification failed. Length {Length}, scheme prefix {Scheme}.")]
    public static partial void MalformedPasswordHash(ILogger logger, int length, string scheme);
}
