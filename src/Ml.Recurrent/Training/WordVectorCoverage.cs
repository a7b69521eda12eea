namespace Ml.Recurrent;

/// <summary>
/// How much of the vocabulary a word-vector file (<see cref="RecurrentTextClassifierOptions.WordVectorsPath"/>)
/// covered when <c>Fit</c> initialised the embedding from it; in <see cref="TrainingHistory.WordVectors"/>.
/// </summary>
/// <param name="Path">The file, as given in the option.</param>
/// <param name="VocabularyWords">Terms of the token column that could take a vector: all of them except empty terms
/// and the word tokenizer's reserved terms (<c>xxunk</c>, <c>xxmaj</c>, <c>xxup</c>).</param>
/// <param name="Covered">Of those, the terms that took the file's vector (exact spelling or lower-case form);
/// the others kept a random initialisation.</param>
/// <param name="CoveredByLowerCase">Of <paramref name="Covered"/>, the terms matched through their lower-case
/// form because the file does not hold their exact spelling.</param>
/// <param name="FileVectors">Vector lines in the file (its header, if any, not counted).</param>
public sealed record WordVectorCoverage(
    string Path,
    int VocabularyWords,
    int Covered,
    int CoveredByLowerCase,
    long FileVectors);
