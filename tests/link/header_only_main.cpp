// A second header-only translation unit: two header-only halves link together.
int other_half();
int main() { return other_half(); }
