namespace Ml.Recurrent;

/// <summary>One token as the model saw it, with its attribution to the explained class.</summary>
/// <param name="Token">The token's text (the vocabulary term; <c>xxmaj</c>, <c>xxup</c> and <c>xxunk</c> appear as
/// such).</param>
/// <param name="Key">The token's key in the token column (1-based; 0 for <see cref="TokenKind.Missing"/>).</param>
/// <param name="Kind">What the token stands for.</param>
/// <param name="Attribution">
/// Contribution to the explained output of the explained class: positive pushes towards the class, negative away.
/// </param>
public sealed record TokenAttribution(string Token, uint Key, TokenKind Kind, float Attribution);
